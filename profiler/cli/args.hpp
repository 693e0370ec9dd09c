#pragma once
// A small argv parser: `--name VALUE`, `--name=VALUE`, boolean `--flag`,
// positional arguments, and `--` to end options. Unknown options are usage
// errors that name the option.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace tokprof::cli {

struct OptionSpec {
  std::string name;        // without the leading dashes
  bool takes_value = false;
  bool repeatable = false;  // values accumulate ("--map a --map b")
  // With takes_value: the value may only be given inline (--name=VALUE);
  // a bare --name is a flag (--approx-quantiles[=ALPHA]).
  bool optional_value = false;
};

class Args {
 public:
  // Parses `argv` against `specs`; positional arguments are kept in order.
  [[nodiscard]] static Result<Args> parse(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs);

  [[nodiscard]] bool flag(std::string_view name) const { return m_flags.contains(std::string(name)); }
  // Returns the last value given for `name`, if any.
  [[nodiscard]] std::optional<std::string> value(std::string_view name) const;
  // Returns every value given for `name`, in order.
  [[nodiscard]] std::vector<std::string> values(std::string_view name) const;
  [[nodiscard]] const std::vector<std::string>& positional() const { return m_positional; }

 private:
  std::set<std::string> m_flags;
  std::map<std::string, std::vector<std::string>> m_values;
  std::vector<std::string> m_positional;
};

}  // namespace tokprof::cli
