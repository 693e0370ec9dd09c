#include "run.hpp"

int main(int argc, char** argv) { return tokprof::cli::run(argc, argv); }
