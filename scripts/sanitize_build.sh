# Sourced by test.sh --sanitize and fuzz.sh: the one sanitizer build, build-asan/. clang with
# AddressSanitizer + UBSan, and every object also carries libFuzzer's coverage hooks
# (ORCHSIM_FUZZ), so the tests and the fuzz targets share one compile of the tree. MPI is off:
# OpenMPI's own allocations trip LeakSanitizer.
sanitize_build=build-asan
sanitize_flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 -DORCHSIM_SANITIZE=address,undefined
                -DORCHSIM_FUZZ=ON -DORCHSIM_BUILD_TESTS=ON -DORCHSIM_BUILD_BENCH=OFF -DORCHSIM_MPI=OFF)
# A build-asan/ from before (g++) cannot change compiler in place.
if [ -f "$sanitize_build/CMakeCache.txt" ] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang' "$sanitize_build/CMakeCache.txt"; then
  rm -rf "$sanitize_build"
fi
export CC=clang CXX=clang++
