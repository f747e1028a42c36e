// Sha256: SHA-256 (FIPS 180-4) for the file-backed table store, which names its data files by
// their content hash and fingerprints a snapshot by hashing its file list. Incremental, so a
// data file is hashed while it is copied. Plain value type, no thread affinity.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace orchsim::live {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // The digest as 64 lower-case hex digits; the object must not be updated afterwards.
  std::string hex_digest();

 private:
  void block(const unsigned char* p);
  std::array<std::uint32_t, 8> h_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes hashed so far
};

// The hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace orchsim::live
