/*
 * Restores the terminal if the process dies while the line editor has it in
 * raw mode. Everything in the handler is async-signal-safe: tcsetattr,
 * sigaction, raise. A handler that was installed before ours (e.g. the Swift
 * runtime's crash backtracer) is still called afterwards.
 */
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "CEditShim.h"

static const int guarded[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT,
                               SIGTERM, SIGHUP, SIGQUIT };
#define GUARDED_COUNT (sizeof guarded / sizeof guarded[0])

static struct termios saved;
static int saved_fd = -1;
static struct sigaction previous[GUARDED_COUNT];
static int installed = 0;

static void on_fatal(int signo, siginfo_t *info, void *context) {
    size_t i;
    if (saved_fd >= 0)
        (void)tcsetattr(saved_fd, TCSANOW, &saved);
    for (i = 0; i < GUARDED_COUNT; i++) {
        if (guarded[i] != signo)
            continue;
        /* Put the previous disposition back, then chain to it or re-raise. */
        (void)sigaction(signo, &previous[i], NULL);
        if (previous[i].sa_flags & SA_SIGINFO) {
            if (previous[i].sa_sigaction != NULL) {
                previous[i].sa_sigaction(signo, info, context);
                return;
            }
        } else if (previous[i].sa_handler != SIG_DFL && previous[i].sa_handler != SIG_IGN) {
            previous[i].sa_handler(signo);
            return;
        }
        break;
    }
    /* Default action: re-raise; it is delivered when this handler returns
     * (a fault re-faults on return and is then fatal). */
    {
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        (void)sigaction(signo, &dfl, NULL);
    }
    (void)raise(signo);
}

int tcg_terminal_guard_install(int fd) {
    struct sigaction action;
    size_t i;
    if (!isatty(fd) || tcgetattr(fd, &saved) != 0)
        return -1;
    saved_fd = fd;
    if (installed) /* a second call only refreshes the saved termios */
        return 0;
    installed = 1;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fatal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    for (i = 0; i < GUARDED_COUNT; i++) {
        /* A signal the parent told us to ignore (nohup) stays ignored. */
        if (sigaction(guarded[i], NULL, &previous[i]) != 0 ||
            (!(previous[i].sa_flags & SA_SIGINFO) && previous[i].sa_handler == SIG_IGN))
            continue;
        (void)sigaction(guarded[i], &action, NULL);
    }
    return 0;
}
