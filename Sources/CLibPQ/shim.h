/* libpq's types and constants only: tcg loads the library itself at first use (TCGPostgres,
   LibPQ.swift), so that the executable links no libpq and starts as fast without it. */
#include <postgresql/libpq-fe.h>
