#include "args.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tokprof::cli {

Result<Args> Args::parse(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs) {
  Args args;
  bool options_done = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (options_done || arg.size() < 2 || arg[0] != '-' || arg == "-") {
      args.m_positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string name = arg.substr(arg.starts_with("--") ? 2 : 1);
    std::optional<std::string> inline_value;
    if (const std::size_t equals = name.find('='); equals != std::string::npos) {
      inline_value = name.substr(equals + 1);
      name.resize(equals);
    }
    const auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      return make_error(ErrorKind::usage, fmt::format("unknown option {}", arg));
    }
    if (!spec->takes_value || (spec->optional_value && !inline_value)) {
      if (inline_value) {
        return make_error(ErrorKind::usage, fmt::format("option --{} takes no value", name));
      }
      args.m_flags.insert(name);
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argv.size()) {
        return make_error(ErrorKind::usage, fmt::format("option --{} needs a value", name));
      }
      inline_value = argv[++i];
    }
    auto& values = args.m_values[name];
    if (!spec->repeatable) {
      values.clear();
    }
    values.push_back(*inline_value);
  }
  return args;
}

std::optional<std::string> Args::value(std::string_view name) const {
  const auto found = m_values.find(std::string(name));
  if (found == m_values.end() || found->second.empty()) {
    return std::nullopt;
  }
  return found->second.back();
}

std::vector<std::string> Args::values(std::string_view name) const {
  const auto found = m_values.find(std::string(name));
  return found == m_values.end() ? std::vector<std::string>{} : found->second;
}

}  // namespace tokprof::cli
