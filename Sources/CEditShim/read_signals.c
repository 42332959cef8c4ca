/*
 * Signals while el_gets waits for a key. Handlers are installed only for the
 * duration of one read and WITHOUT SA_RESTART, so the read(2) inside el_gets
 * fails with EINTR and el_gets returns NULL with count -1; the caller then
 * looks at the flags to tell Ctrl-C from a stop and continue (Ctrl-Z, fg).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include "CEditShim.h"

static volatile sig_atomic_t events = 0;
static int terminal_fd = -1;
static struct termios cooked;
static int have_cooked = 0;
static struct sigaction previous_int, previous_tstp;
static int installed_int = 0, installed_tstp = 0;

static void on_sigint(int signo) {
    (void)signo;
    events |= TCG_READ_INTERRUPTED;
}

/* Ctrl-Z: give the shell back a cooked terminal, stop, and on continue flag it
 * so the line is drawn again. Only async-signal-safe calls. */
static void on_sigtstp(int signo) {
    int saved_errno = errno;
    struct sigaction dfl, self;
    sigset_t unblock;
    if (have_cooked)
        (void)tcsetattr(terminal_fd, TCSADRAIN, &cooked);
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    (void)sigaction(SIGTSTP, &dfl, &self);
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGTSTP);
    (void)sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    (void)raise(signo);               /* stops here until SIGCONT */
    (void)sigaction(SIGTSTP, &self, NULL);
    events |= TCG_READ_STOPPED;
    errno = saved_errno;
}

static int install(int signo, void (*handler)(int), struct sigaction *previous) {
    struct sigaction action;
    if (sigaction(signo, NULL, previous) != 0)
        return 0;
    /* A signal the parent told us to ignore stays ignored. */
    if (!(previous->sa_flags & SA_SIGINFO) && previous->sa_handler == SIG_IGN)
        return 0;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* deliberately no SA_RESTART */
    return sigaction(signo, &action, NULL) == 0;
}

void tcg_read_signals_begin(int fd) {
    events = 0;
    terminal_fd = fd;
    have_cooked = tcgetattr(fd, &cooked) == 0;
    installed_int = install(SIGINT, on_sigint, &previous_int);
    installed_tstp = install(SIGTSTP, on_sigtstp, &previous_tstp);
}

int tcg_read_signals_end(void) {
    if (installed_int)
        (void)sigaction(SIGINT, &previous_int, NULL);
    if (installed_tstp)
        (void)sigaction(SIGTSTP, &previous_tstp, NULL);
    installed_int = installed_tstp = 0;
    return events;
}
