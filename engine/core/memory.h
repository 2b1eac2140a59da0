// How the process's allocator treats the memory a run frees.
//
//   int main() { relocsim::keep_freed_memory(); ... }
#pragma once

namespace relocsim {

// Keeps memory the run frees in the process, for its next allocations, instead of handing it back
// to the system. A simulated year allocates and frees working arrays of tens of megabytes (the
// movers, the job seekers, their choices); by default glibc maps each such array afresh and
// unmaps it when freed, so every year pays a page fault for every 4 KiB it touches again. With
// this, large blocks come from the heap and the heap is not trimmed: the pages stay mapped and are
// reused. The peak resident memory is that of the largest moment of the run, as before.
//
// Call once, first thing in main. Does nothing where the C library is not glibc, or where the
// environment already sets a glibc malloc tunable (GLIBC_TUNABLES=glibc.malloc.…): the user's
// choice stands. Returns whether the policy was applied.
bool keep_freed_memory();

}  // namespace relocsim
