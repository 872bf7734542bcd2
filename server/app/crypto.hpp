#pragma once

// The few cryptographic primitives access control needs, from OpenSSL's libcrypto:
// a CSPRNG (RAND_bytes), HMAC-SHA-256, hex and base64url. Nothing here keeps state.
// Thread-safety: every function may be called from any thread (OpenSSL 3 is thread-safe).

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace encuentro::app::crypto {

// Fills `out` from OpenSSL's CSPRNG. Throws std::runtime_error if it cannot (never returns
// predictable bytes).
void random_bytes(std::span<unsigned char> out);
std::vector<unsigned char> random_bytes(std::size_t n);

// HMAC-SHA-256(key, message) as 64 lower-case hex characters.
std::string hmac_sha256_hex(std::span<const unsigned char> key, std::string_view message);

std::string to_hex(std::span<const unsigned char> bytes);

// RFC 4648 §5 base64url without padding.
std::string base64url(std::span<const unsigned char> bytes);

}  // namespace encuentro::app::crypto
