/*
 * CEditShim: non-variadic C wrappers over libedit's el_set / el_get / history(),
 * which Swift cannot call, plus the async-signal-safe pieces (SIGINT flag,
 * terminal restore on fatal signals) that must live in C.
 */
#ifndef TCG_CEDITSHIM_H
#define TCG_CEDITSHIM_H

#include <stdio.h>
#include <histedit.h>

/* ---- Editor (editline_shim.c) ---- */

/* el_init(prog, stdin, stdout, stderr). */
EditLine *tcg_el_init_stdio(const char *prog);
/* EL_PROMPT: the callback returns the prompt to draw. */
int tcg_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *));
/* EL_TERMINAL: the terminal type to use instead of $TERM. */
int tcg_el_set_terminal(EditLine *el, const char *type);
/* EL_EDITOR: "emacs" or "vi". */
int tcg_el_set_editor(EditLine *el, const char *mode);
/* EL_EDITOR (get): the current mode, or NULL. */
const char *tcg_el_get_editor(EditLine *el);
/* EL_SIGNAL: non-zero lets libedit install its own signal handlers. */
int tcg_el_set_signal(EditLine *el, int on);
/* EL_HIST: attach a History so Up/Down and searches use it. */
int tcg_el_set_history(EditLine *el, History *h);
/* EL_ADDFN: register a named editor function. */
int tcg_el_add_function(EditLine *el, const char *name, const char *help,
                        unsigned char (*fn)(EditLine *, int));
/* EL_BIND: bind one key (e.g. "^I") to a named editor function. */
int tcg_el_bind(EditLine *el, const char *key, const char *function);
/* EL_CLIENTDATA (set). */
int tcg_el_set_clientdata(EditLine *el, void *data);
/* EL_CLIENTDATA (get), or NULL. */
void *tcg_el_get_clientdata(EditLine *el);
/* EL_GETFP 1: the output stream libedit draws on. */
FILE *tcg_el_output(EditLine *el);
/* EL_GETTC "co": terminal width in columns, or 0 if unknown. */
int tcg_el_columns(EditLine *el);

/* ---- History (history_shim.c) ---- */

/* H_SETSIZE. */
int tcg_history_set_size(History *h, int size);
/* H_SETUNIQUE: non-zero drops an entry equal to the previous one. */
int tcg_history_set_unique(History *h, int unique);
/* H_ENTER: 1 if entered, 0 if dropped as a duplicate, -1 on error. */
int tcg_history_enter(History *h, const char *entry);
/* H_LOAD: number of entries read, or -1. */
int tcg_history_load(History *h, const char *path);
/* H_SAVE: number of entries written, or -1. */
int tcg_history_save(History *h, const char *path);
/* H_SAVE_FP: number of entries written to the open stream, or -1. */
int tcg_history_save_fp(History *h, FILE *file);
/* H_GETSIZE: number of entries held. */
int tcg_history_count(History *h);
/* H_LAST: the oldest entry (moves the history cursor), or NULL. */
const char *tcg_history_oldest(History *h);
/* H_PREV: the entry just newer than the cursor (moves it), or NULL. */
const char *tcg_history_newer(History *h);

/* ---- Signals during one read (read_signals.c) ---- */

/* Ctrl-C arrived during the read. */
#define TCG_READ_INTERRUPTED 1
/* The process was stopped (Ctrl-Z) and continued during the read. */
#define TCG_READ_STOPPED 2

/* Before el_gets: saves the (cooked) termios of fd and installs SIGINT and
 * SIGTSTP handlers WITHOUT SA_RESTART, so the blocked read fails with EINTR.
 * Signals that are ignored stay ignored. */
void tcg_read_signals_begin(int fd);
/* After el_gets: restores the previous dispositions; returns the TCG_READ_*
 * events seen since begin. */
int tcg_read_signals_end(void);

/* ---- Terminal guard (terminal_guard.c) ---- */

/* Saves the termios of fd now; on SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT,
 * SIGTERM, SIGHUP or SIGQUIT restores it, then lets the signal take its course.
 * Returns 0, or -1 if fd is not a terminal (nothing installed). */
int tcg_terminal_guard_install(int fd);

/* ---- Ctrl-C while a statement runs (statement_interrupt.c) ---- */

/* Catch SIGINT into a flag (with SA_RESTART) until tcg_interrupt_end. */
void tcg_interrupt_begin(void);
/* Non-zero once Ctrl-C was pressed since tcg_interrupt_begin. */
int tcg_interrupt_requested(void);
/* Restore the previous SIGINT disposition. */
void tcg_interrupt_end(void);

#endif
