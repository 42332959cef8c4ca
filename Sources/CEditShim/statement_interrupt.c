/*
 * Ctrl-C while a statement runs at the prompt: the handler only raises a flag
 * (async-signal-safe); the interpreter checks it between statements and stops
 * the statement, which then commits nothing. SA_RESTART keeps file I/O intact.
 */
#include <signal.h>
#include <string.h>
#include "CEditShim.h"

static volatile sig_atomic_t requested = 0;
static struct sigaction previous;
static int installed = 0;

static void on_sigint(int signo) {
    (void)signo;
    requested = 1;
}

void tcg_interrupt_begin(void) {
    struct sigaction action;
    requested = 0;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    installed = sigaction(SIGINT, &action, &previous) == 0;
}

int tcg_interrupt_requested(void) { return requested != 0; }

void tcg_interrupt_end(void) {
    if (installed)
        (void)sigaction(SIGINT, &previous, NULL);
    installed = 0;
    requested = 0;
}
