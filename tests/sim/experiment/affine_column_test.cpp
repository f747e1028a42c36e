// AffineColumn: values read back as pushed, whether their block stepped evenly (kept as two
// numbers) or not (kept as values), and in the block still open.
#include <doctest/doctest.h>

#include <cstdint>

#include "sim/experiment/affine_column.h"

using orchsim::sim::AffineColumn;

TEST_CASE("an affine column reads back constant, stepping, irregular and open blocks") {
  constexpr std::uint32_t kBlock = 4096;
  AffineColumn c;
  for (std::uint32_t i = 0; i < kBlock; ++i) c.push_back(7);                  // constant: 7, 7, ...
  for (std::uint32_t i = 0; i < kBlock; ++i) c.push_back(100 + i);            // step 1: 100, 101, ...
  for (std::uint32_t i = 0; i < kBlock; ++i) c.push_back(5000 - i);           // step -1: 5000, 4999, ...
  for (std::uint32_t i = 0; i < kBlock; ++i) c.push_back(i == 10 ? 3 : 2 * i);  // even but one: kept as values
  c.push_back(UINT32_MAX);  // a fifth block, still open
  c.push_back(0);
  REQUIRE(c.size() == 4 * kBlock + 2);
  CHECK(c[0] == 7);
  CHECK(c[kBlock - 1] == 7);
  CHECK(c[kBlock] == 100);
  CHECK(c[2 * kBlock - 1] == 100 + 4095);
  CHECK(c[2 * kBlock] == 5000);
  CHECK(c[3 * kBlock - 1] == 5000 - 4095);
  CHECK(c[3 * kBlock + 9] == 18);
  CHECK(c[3 * kBlock + 10] == 3);
  CHECK(c[3 * kBlock + 11] == 22);
  CHECK(c[4 * kBlock - 1] == 2 * 4095);
  CHECK(c[4 * kBlock] == UINT32_MAX);
  CHECK(c[4 * kBlock + 1] == 0);
}

TEST_CASE("an affine column keeps full 32-bit values that step across the range") {
  AffineColumn c;
  // From UINT32_MAX down by 2^20 per value: still even steps, with no overflow in reading back.
  for (std::uint32_t i = 0; i < 4096; ++i) c.push_back(UINT32_MAX - i * (1u << 20));
  c.push_back(1);
  CHECK(c[0] == UINT32_MAX);
  CHECK(c[4095] == UINT32_MAX - 4095u * (1u << 20));
  CHECK(c[4096] == 1);
}
