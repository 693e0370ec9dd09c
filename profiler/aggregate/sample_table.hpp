#pragma once
// SampleTable: the samples of a run, kept compactly for build_profile.
//
// Why not a std::vector<Sample>: a Sample is 312 bytes and owns heap copies
// of its model, task, id and file names, about 400 bytes a sample in all,
// and a run keeps every sample until its rows are built (1 GB of traces:
// 330k samples). Here the names a run repeats (model, task, tokenizer, file)
// are numbered once, each id's bytes go to a shared arena, and the numbers
// sit in one 120-byte entry: about 150 bytes a sample. Entries live in
// fixed-size blocks, so that adding never copies the table (a doubling
// vector holds its old and new buffers at once while it grows).
//
// A table is filled once, in input order, and then only read. It is
// move-only: its entries point into its arena.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sample.hpp"

namespace tokprof::aggregate {

// The distinct values of one string field, numbered in order of first
// appearance. A run's samples come file after file, so the last value is
// tried before the hash look-up.
class NameIndex {
 public:
  std::uint32_t add(std::string_view name);
  [[nodiscard]] const std::vector<std::string>& names() const { return m_names; }
  // Renames every value `from` to `to`; if `to` is also a value, the two
  // numbers then spell the same name.
  void rename(const std::string& from, const std::string& to);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::vector<std::string> m_names;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> m_index;
  std::uint32_t m_last = 0;
};

// Byte strings stored once and never moved: what a view into it points to
// stays valid as long as the arena lives. (A Profile's keys view the ids of
// the table it was built from: Profile::key_ids keeps them alive.)
class IdArena {
 public:
  std::string_view store(std::string_view bytes);

 private:
  static constexpr std::size_t k_block = 1 << 20;
  std::vector<std::unique_ptr<char[]>> m_blocks;
  std::size_t m_left = 0;
  char* m_next = nullptr;
};

class SampleTable {
 public:
  // One sample's numbers and the numbers of its names.
  struct Entry {
    const char* id = nullptr;  // into the table's IdArena
    std::uint32_t id_size = 0;
    std::uint32_t model = 0;      // index into models()
    std::uint32_t task = 0;       // index into tasks()
    std::uint32_t file = 0;       // index into files()
    std::uint32_t tokenizer = 0;  // index into tokenizers()
    std::uint8_t present = 0;     // bits: which optional numbers are set (sample_table.cpp)
    bool tokenizer_exact = false;
    std::int64_t epoch = 1;
    std::int64_t line = 0;
    std::int64_t counted_output_tokens = 0;
    std::int64_t counted_reasoning_tokens = 0;
    std::array<std::int64_t, 5> usage{};  // input, output, reasoning, cache_read, cache_write
    double score = 0;
    double reported_cost_usd = 0;

    [[nodiscard]] std::string_view sample_id() const { return {id, id_size}; }
    [[nodiscard]] ReportedUsage reported_usage() const;
    [[nodiscard]] std::optional<std::int64_t> reported_output() const { return usage_field(1); }
    [[nodiscard]] std::optional<double> score_value() const;
    [[nodiscard]] std::optional<double> reported_cost() const;

   private:
    [[nodiscard]] std::optional<std::int64_t> usage_field(int field) const;
  };

  SampleTable() = default;
  explicit SampleTable(const std::vector<Sample>& samples);
  SampleTable(SampleTable&& other) noexcept;  // leaves `other` empty
  SampleTable& operator=(SampleTable&& other) noexcept;
  SampleTable(const SampleTable&) = delete;
  SampleTable& operator=(const SampleTable&) = delete;

  void add(const Sample& sample);

  [[nodiscard]] std::size_t size() const { return m_size; }
  [[nodiscard]] bool empty() const { return m_size == 0; }
  [[nodiscard]] const Entry& operator[](std::size_t i) const {
    return m_blocks[i / k_block_entries][i % k_block_entries];
  }

  [[nodiscard]] const std::vector<std::string>& models() const { return m_models.names(); }
  [[nodiscard]] const std::vector<std::string>& tasks() const { return m_tasks.names(); }
  [[nodiscard]] const std::vector<std::string>& files() const { return m_files.names(); }
  [[nodiscard]] const std::vector<std::string>& tokenizers() const { return m_tokenizers.names(); }

  // Sample `i` as a Sample again (for messages and partial profiles).
  [[nodiscard]] Sample sample(std::size_t i) const;
  [[nodiscard]] std::vector<Sample> samples() const;

  // Frees the entries of the samples before `end` block by block, for a
  // reader that reads the table once, in order. Reading a freed entry is an
  // error; the names and the ids stay.
  void release_before(std::size_t end);

  // Every sample read from `from` now says it was read from `to`.
  void rename_file(const std::string& from, const std::string& to);

  // The arena the ids are in, for views that outlive the table.
  [[nodiscard]] std::shared_ptr<const IdArena> id_storage() const { return m_ids; }

 private:
  [[nodiscard]] Sample sample(std::size_t i, const SharedString& file) const;
  static constexpr std::size_t k_block_entries = 4096;

  std::vector<std::unique_ptr<Entry[]>> m_blocks;
  std::size_t m_size = 0;
  std::size_t m_released = 0;  // blocks freed by release_before
  std::shared_ptr<IdArena> m_ids;  // made by the first add
  NameIndex m_models;
  NameIndex m_tasks;
  NameIndex m_files;
  NameIndex m_tokenizers;
};

}  // namespace tokprof::aggregate
