/* Non-variadic wrappers over el_init / el_set / el_get: one per use. */
#include "CEditShim.h"

EditLine *tcg_el_init_stdio(const char *prog) {
    return el_init(prog, stdin, stdout, stderr);
}

int tcg_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
    return el_set(el, EL_PROMPT, prompt);
}

int tcg_el_set_terminal(EditLine *el, const char *type) {
    return el_set(el, EL_TERMINAL, type);
}

int tcg_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

const char *tcg_el_get_editor(EditLine *el) {
    const char *mode = NULL;
    return el_get(el, EL_EDITOR, &mode) == 0 ? mode : NULL;
}

int tcg_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

int tcg_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

int tcg_el_add_function(EditLine *el, const char *name, const char *help,
                        unsigned char (*fn)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

int tcg_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

int tcg_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

void *tcg_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    return el_get(el, EL_CLIENTDATA, &data) == 0 ? data : NULL;
}

FILE *tcg_el_output(EditLine *el) {
    FILE *fp = NULL;
    return el_get(el, EL_GETFP, 1, &fp) == 0 ? fp : NULL;
}

int tcg_el_columns(EditLine *el) {
    int columns = 0;
    return el_get(el, EL_GETTC, "co", &columns, (void *)NULL) == 0 ? columns : 0;
}
