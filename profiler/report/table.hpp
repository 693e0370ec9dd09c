#pragma once
// A column-aligned text table, shared by the terminal and Markdown writers.

#include <string>
#include <string_view>
#include <vector>

namespace tokprof::report {

enum class Align { left, right };

class TextTable {
 public:
  // Appends a column titled `header`, aligned by `align`.
  void add_column(std::string header, Align align);
  // Appends a row; missing cells are empty, extra cells are dropped.
  void add_row(std::vector<std::string> cells);

  // Removes every column in which all rows hold "" or `absent`, so that a
  // report on summary tables does not show columns of dashes.
  void drop_empty_columns(std::string_view absent);

  // Returns the header, a rule of dashes and the rows, one string per line,
  // cells padded to the widest in their column (in code points) and
  // separated by two spaces; trailing spaces are trimmed.
  [[nodiscard]] std::vector<std::string> text_lines() const;

  // Returns the table as GitHub-flavoured Markdown, with '|' in cells escaped.
  [[nodiscard]] std::string markdown() const;

 private:
  struct Column {
    std::string header;
    Align align = Align::left;
  };
  std::vector<Column> m_columns;
  std::vector<std::vector<std::string>> m_rows;
};

// Returns `text` with ASCII control characters (newlines, tabs, ESC, DEL)
// replaced by spaces, so that names taken from traces can neither break a
// table's lines nor send escape sequences to a terminal.
[[nodiscard]] std::string printable(std::string_view text);

// Returns the number of code points in UTF-8 `text`, as a terminal width.
[[nodiscard]] std::size_t display_width(std::string_view text);

}  // namespace tokprof::report
