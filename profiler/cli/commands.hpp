#pragma once
// One function per subcommand; each returns an exit code (run.hpp).

#include <string>
#include <vector>

namespace tokprof::cli {

int count_command(const std::vector<std::string>& argv);
int encodings_command(const std::vector<std::string>& argv);
int profile_command(const std::vector<std::string>& argv);
int tokenizers_command(const std::vector<std::string>& argv);

}  // namespace tokprof::cli
