#ifndef TCG_CSHA256_H
#define TCG_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants (FIPS 180-4), for the portable rounds too.
const uint32_t *tcg_sha256_constants(void);

/// Whether this CPU has the SHA extensions (and SSSE3, SSE4.1) that tcg_sha256_blocks uses.
int tcg_sha256_hardware(void);

/// Runs SHA-256's compression function over `blocks` 64-byte blocks at `data`, updating the
/// eight state words. Only call it when tcg_sha256_hardware() returned 1.
void tcg_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
