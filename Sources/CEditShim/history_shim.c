/* Non-variadic wrappers over history(): one per operation. */
#include "CEditShim.h"

int tcg_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

int tcg_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

int tcg_history_enter(History *h, const char *entry) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, entry);
}

int tcg_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

int tcg_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

int tcg_history_save_fp(History *h, FILE *file) {
    HistEvent ev;
    return history(h, &ev, H_SAVE_FP, file);
}

int tcg_history_count(History *h) {
    HistEvent ev;
    return history(h, &ev, H_GETSIZE) == -1 ? 0 : ev.num;
}

const char *tcg_history_oldest(History *h) {
    HistEvent ev;
    return history(h, &ev, H_LAST) == -1 ? NULL : ev.str;
}

const char *tcg_history_newer(History *h) {
    HistEvent ev;
    return history(h, &ev, H_PREV) == -1 ? NULL : ev.str;
}
