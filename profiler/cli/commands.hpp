#pragma once
// One function per subcommand; each returns an exit code (run.hpp).

#include <string>
#include <vector>

namespace tokprof::cli {

int check_command(const std::vector<std::string>& argv);  // issue 9
int count_command(const std::vector<std::string>& argv);
int diff_command(const std::vector<std::string>& argv);  // issue 9
int encodings_command(const std::vector<std::string>& argv);
int merge_command(const std::vector<std::string>& argv);
int profile_command(const std::vector<std::string>& argv);
int tokenizers_command(const std::vector<std::string>& argv);

}  // namespace tokprof::cli
