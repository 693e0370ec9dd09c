// `import tokprof`: exact BPE counting and the profile contract in-process.
// Every call that does real work releases the GIL; batches (lists of texts)
// are counted on threads, so tokprof.count(texts) scales with cores even
// from one Python thread.

#include <map>
#include <mutex>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "base/parallel.hpp"
#include "cli/version.hpp"
#include "records.hpp"
#include "tokenizer/tokenizer.hpp"

namespace py = pybind11;
using tokprof::tokenizer::Rank;
using tokprof::tokenizer::Tokenizer;

namespace {

// Returns the tokenizer `name`, loaded once per process.
const Tokenizer& tokenizer_named(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Tokenizer>> loaded;
  const std::lock_guard lock(mutex);
  auto& slot = loaded[name];
  if (!slot) {
    auto tokenizer = Tokenizer::load(name);
    if (!tokenizer) {
      loaded.erase(name);
      throw py::value_error(tokenizer.error().to_string());
    }
    slot = std::make_unique<Tokenizer>(std::move(*tokenizer));
  }
  return *slot;
}

// Applies `body` to every item of `items` on `threads` threads, without the GIL.
template <typename Out, typename In, typename Body>
std::vector<Out> map_batch(const std::vector<In>& items, std::size_t threads, Body body) {
  std::vector<Out> out(items.size());
  const py::gil_scoped_release release;
  tokprof::parallel_for(items.size(), threads, [&](std::size_t i) { out[i] = body(items[i]); }, 8);
  return out;
}

bool is_text(const py::object& texts) {
  return py::isinstance<py::str>(texts) || py::isinstance<py::bytes>(texts);
}

// A str or bytes gives one result, any other iterable of them a list.
template <typename Out, typename Body>
py::object per_text(const py::object& texts, std::size_t threads, Body body) {
  if (is_text(texts)) {
    const auto text = texts.cast<std::string>();
    Out result;
    {
      const py::gil_scoped_release release;
      result = body(text);
    }
    return py::cast(std::move(result));
  }
  return py::cast(map_batch<Out>(texts.cast<std::vector<std::string>>(), threads, body));
}

py::object count(const py::object& texts, const std::string& encoding, std::size_t threads) {
  const Tokenizer& tokenizer = tokenizer_named(encoding);
  return per_text<std::size_t>(texts, threads, [&](const std::string& t) { return tokenizer.count(t); });
}

py::object encode(const py::object& texts, const std::string& encoding, std::size_t threads) {
  const Tokenizer& tokenizer = tokenizer_named(encoding);
  return per_text<std::vector<Rank>>(texts, threads, [&](const std::string& t) { return tokenizer.encode(t); });
}

// Returns true if `ids` is a batch (a sequence of id sequences) rather than
// one id sequence; an empty sequence is one (empty) id sequence.
bool is_batch(const py::sequence& ids) {
  return py::len(ids) > 0 && !py::isinstance<py::int_>(ids[0]);
}

// Decodes `ids` (one sequence, or a batch on threads) to bytes; raises
// ValueError on an id the tokenizer does not have.
template <typename Finish>
py::object decode_with(const py::sequence& ids, const std::string& encoding, std::size_t threads, Finish finish) {
  const Tokenizer& tokenizer = tokenizer_named(encoding);
  const auto one = [&](const std::vector<Rank>& sequence) { return tokenizer.decode(sequence); };
  std::vector<tokprof::Result<std::string>> decoded;
  if (is_batch(ids)) {
    decoded = map_batch<tokprof::Result<std::string>>(ids.cast<std::vector<std::vector<Rank>>>(), threads, one);
  } else {
    const auto sequence = ids.cast<std::vector<Rank>>();
    const py::gil_scoped_release release;
    decoded.push_back(one(sequence));
  }
  py::list out;
  for (const auto& bytes : decoded) {
    if (!bytes) {
      throw py::value_error(bytes.error().to_string());
    }
    out.append(finish(*bytes));
  }
  return is_batch(ids) ? py::object(out) : py::object(out[0]);
}

// Returns the text of `ids`; bytes that are not UTF-8 are replaced, as
// tiktoken's decode does (decode_bytes gives the raw bytes).
py::object decode(const py::sequence& ids, const std::string& encoding, std::size_t threads) {
  return decode_with(ids, encoding, threads, [](const std::string& bytes) {
    return py::reinterpret_steal<py::str>(
        PyUnicode_DecodeUTF8(bytes.data(), static_cast<Py_ssize_t>(bytes.size()), "replace"));
  });
}

py::object decode_bytes(const py::sequence& ids, const std::string& encoding, std::size_t threads) {
  return decode_with(ids, encoding, threads, [](const std::string& bytes) { return py::bytes(bytes); });
}

tokprof::python::ProfileSettings settings_of(const std::string& tokenizer, const std::string& average,
                                             std::optional<double> correct_at, const std::string& tokens,
                                             std::size_t threads) {
  return {tokenizer, average, correct_at, tokens, threads, std::nullopt};
}

tokprof::python::ReportSettings report_of(bool per_sample, std::int64_t bootstrap, std::uint64_t seed,
                                          std::size_t threads) {
  return {per_sample, bootstrap, seed, threads};
}

}  // namespace

PYBIND11_MODULE(tokprof, m) {
  m.doc() = "tokprof: exact BPE token counts and token-efficiency profiles";
  m.attr("__version__") = std::string(tokprof::cli::k_tokprof_version);
  m.def("count", &count, py::arg("texts"), py::arg("encoding") = "o200k_base", py::arg("threads") = 0,
        "Token count of a str (or bytes), or a list of counts for a list of them (counted on threads).");
  m.def("encode", &encode, py::arg("texts"), py::arg("encoding") = "o200k_base", py::arg("threads") = 0,
        "Token ids of a str (or bytes), or a list of id lists for a list of them (encoded on threads).");
  m.def("decode", &decode, py::arg("ids"), py::arg("encoding") = "o200k_base", py::arg("threads") = 0,
        "Text of token ids (invalid UTF-8 replaced), or a list of texts for a list of id lists.");
  m.def("decode_bytes", &decode_bytes, py::arg("ids"), py::arg("encoding") = "o200k_base", py::arg("threads") = 0,
        "Bytes of token ids, or a list of bytes for a list of id lists.");
  m.def(
      "profile",
      [](const py::list& records, const std::string& tokenizer, const std::string& average,
         std::optional<double> correct_at, const std::string& tokens, bool per_sample, std::int64_t bootstrap,
         std::uint64_t seed, std::size_t threads) {
        return tokprof::python::profile_records(records, settings_of(tokenizer, average, correct_at, tokens, threads),
                                                report_of(per_sample, bootstrap, seed, threads));
      },
      py::arg("records"), py::arg("tokenizer") = "auto", py::arg("average") = "macro",
      py::arg("correct_at") = py::none(), py::arg("tokens") = "auto", py::arg("per_sample") = false,
      py::arg("bootstrap") = 0, py::arg("seed") = 1, py::arg("threads") = 0,
      "The JSON report (tokprof.report/1) of a list of record dicts, as a dict; bootstrap=N adds intervals "
      "from N replicates (as `tokprof profile --bootstrap N --seed S`).");
  m.def(
      "partial",
      [](const py::list& records, const std::string& tokenizer, const std::string& average,
         std::optional<double> correct_at, const std::string& tokens, std::size_t threads,
         std::optional<double> approx_quantiles) {
        auto settings = settings_of(tokenizer, average, correct_at, tokens, threads);
        settings.approx_quantiles = approx_quantiles;
        return tokprof::python::partial_of_records(records, settings);
      },
      py::arg("records"), py::arg("tokenizer") = "auto", py::arg("average") = "macro",
      py::arg("correct_at") = py::none(), py::arg("tokens") = "auto", py::arg("threads") = 0,
      py::arg("approx_quantiles") = py::none(),
      "The partial profile (tokprof.partial/1 text) of a list of record dicts, for merge(); with "
      "approx_quantiles=ALPHA, sums and quantile sketches of relative accuracy ALPHA instead of samples "
      "(tokprof.partial.approx/1, as `tokprof profile --approx-quantiles=ALPHA --partial`), whose size "
      "does not grow with the records.");
  m.def(
      "merge",
      [](const std::vector<std::string>& partials, bool per_sample, std::int64_t bootstrap, std::uint64_t seed,
         std::size_t threads) {
        return tokprof::python::merge_partial_texts(partials, report_of(per_sample, bootstrap, seed, threads));
      },
      py::arg("partials"), py::arg("per_sample") = false, py::arg("bootstrap") = 0, py::arg("seed") = 1,
      py::arg("threads") = 0,
      "The JSON report of partial profile texts (from partial() or `tokprof profile --partial`), as a dict.");
}
