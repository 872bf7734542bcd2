// Open data (issue 5, "Open data"): the published results of every encuentro as downloadable
// tables in CSV and JSON, and the data dictionary that describes each column.
//
// One definition per dataset (its columns, their types and meanings) drives three things: the JSON
// rows, the CSV text and the dictionary. A unit test checks that every row has exactly the
// dictionary's columns, so the description cannot drift from the data.
//
// The rows come from the same allow-list as the public view (public_view.hpp): no person's name,
// contact, code or id; no contribution other than principal proposals; observations only once
// approved. Column names and labels are Spanish, the language of those who use the data.
// Thread-safe: every function here is pure.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "domain/encuentro.hpp"

namespace encuentro::protocol {

enum class Dataset { encuentros, proposals, answers, commitments, progress, observations };

// How a column's values are written: JSON type, and how CSV spells them.
enum class ColumnType {
  text,     // string; CSV as is
  integer,  // number
  date,     // "YYYY-MM-DD" string, or null / empty cell
  boolean,  // true/false; CSV "sí"/"no"
  id_list,  // array of ids; CSV separated by spaces
};

struct Column {
  std::string_view name;
  ColumnType type;
  std::string_view description;
};

struct DatasetInfo {
  Dataset id;
  std::string_view slug;   // the URL's file name: "proposals" in /…/{id}/proposals.csv
  std::string_view file;   // the download's name: "propuestas" → propuestas-{id}.csv
  std::string_view title;  // Spanish
  std::string_view description;
  std::span<const Column> columns;
};

std::span<const DatasetInfo> datasets();
// nullptr when no dataset has that slug.
const DatasetInfo* find_dataset(std::string_view slug);

// The rows of a per-encuentro dataset (every one but `encuentros`) as a JSON array of objects
// with the dataset's columns. REQUIRES: is_public(e), dataset != Dataset::encuentros.
nlohmann::json dataset_rows(Dataset dataset, const domain::Encuentro& e, domain::Date today,
                            int utc_offset_minutes);

// One row of the `encuentros` dataset. REQUIRES: is_public(e).
nlohmann::json encuentro_row(const domain::Encuentro& e, domain::Date today);

// RFC 4180 text of `rows` (as made above): a UTF-8 byte order mark, the header line, CRLF line
// ends, cells in the dataset's column order through csv_cell().
std::string to_csv(const DatasetInfo& dataset, const nlohmann::json& rows);

// GET /api/public/data-dictionary.json: every dataset with its path, formats and columns.
nlohmann::json data_dictionary();

}  // namespace encuentro::protocol
