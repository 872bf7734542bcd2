#include "storage/storage_error.hpp"

namespace encuentro::storage {

std::string_view to_string(StorageErrorKind kind) noexcept {
  switch (kind) {
    case StorageErrorKind::unknown:
      return "unknown";
    case StorageErrorKind::busy:
      return "busy";
    case StorageErrorKind::full:
      return "full";
    case StorageErrorKind::read_only:
      return "read_only";
    case StorageErrorKind::corrupt:
      return "corrupt";
    case StorageErrorKind::io:
      return "io";
    case StorageErrorKind::conflict:
      return "conflict";
    case StorageErrorKind::constraint:
      return "constraint";
    case StorageErrorKind::incompatible:
      return "incompatible";
  }
  return "unknown";
}

}  // namespace encuentro::storage
