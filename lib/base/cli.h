/* cli.h: what every ax tool does the same way.
 *
 * A tool's main() starts with ax_tool_init("ax-NAME") (telemetry/hooks.h),
 * which calls ax_cli_init() and registers the exit and error routines below,
 * and leaves through ax_exit(status), which runs the exit routine. This file
 * is the leaf of lib/ (lib/README.md): it knows nothing of what the routines
 * do, as git's set_die_routine(). Messages take the form
 * "ax-NAME: what went wrong: why" on stderr. Exit status: 0 ok,
 * 1 no result, 2 usage or input error, 3 internal error. */
#ifndef AX_CLI_H
#define AX_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

struct option;

enum {
	AX_EXIT_OK = 0,
	AX_EXIT_NONE = 1,
	AX_EXIT_USAGE = 2,
	AX_EXIT_INTERNAL = 3,
};

/* The long-option code of --version, shared by every tool's getopt_long
 * table; help is -h and --help everywhere: { "help", no_argument, NULL, 'h' }. */
enum { AX_OPT_VERSION = 0x1000 };

extern const char *ax_progname;

/* The command the user typed, which messages and help name: "ax def" when
 * the front end ran this tool for `ax def` (it says so in $AX_COMMAND,
 * which the tool does not pass on), else ax_progname. */
extern const char *ax_cmdname;

/* Name the tool and make a closed stdout end us quietly (SIGPIPE ignored,
 * EPIPE from the writer exits 0). */
void ax_cli_init(const char *progname);

/* The routine ax_exit() runs once, before stdio is flushed (the telemetry
 * event); NULL for none. */
void ax_set_exit_routine(void (*fn)(int status));

/* The routine ax_note_error() passes an error's stage and code to (the
 * telemetry event counts them); NULL for none. */
void ax_set_error_routine(void (*fn)(const char *stage, const char *code));
void ax_note_error(const char *stage, const char *code);

/* Print "<progname> <version>" to stdout and exit 0. */
_Noreturn void ax_print_version(void);

/* Print `usage` to stdout and exit 0 (for --help). Usage lines that start
 * with the tool's name ("usage: ax-lint ...", "       ax-lint ...") name
 * ax_cmdname instead: `ax lint --help` speaks of `ax lint`. A tool that
 * the front end runs with arguments of its own (ax def, ax flow) prints
 * the help of that command instead (ax_called_as). */
_Noreturn void ax_print_help(const char *usage);

/* Was this tool run as `cmd` ("ax def")? */
bool ax_called_as(const char *cmd);

void ax_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ax_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void ax_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* For getopt_long's '?': names the bad option (getopt's own messages are
 * off, since they would carry argv[0]) and exits 2. */
_Noreturn void ax_bad_option(char *const argv[]);

/* getopt_long for a tool whose operands may start with '-' themselves
 * (ax-rank's -word exclusions and -lang: filters). Options may come
 * anywhere on the line, as GNU getopt's permutation allows, and "--" ends
 * them. An argument is an option when it starts with "--", or is "-X" for
 * a short option X of `shortopts` (its value, if it takes one, attached
 * as a number, "-n5", or in the next argument); any other argument,
 * "-word" included, is an operand: returned as 1 with optarg set to it,
 * in order. `shortopts` must start with '+'. Returns -1 at the end. */
int ax_getopt_words(int argc, char *const argv[], const char *shortopts,
		    const struct option *longopts);

/* "ax-NAME: <msg>" then "Try 'ax-NAME --help'." and exit 2. */
_Noreturn void ax_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Run the exit routine once, then exit(status). */
_Noreturn void ax_exit(int status);

/* Allocation that cannot fail: on exhaustion, die with status 3. */
void *ax_malloc(size_t n);
void *ax_calloc(size_t n, size_t size);
void *ax_realloc(void *p, size_t n);
char *ax_strdup(const char *s);
char *ax_strndup(const char *s, size_t n);

/* asprintf() that cannot fail: the formatted text, malloc'd. */
char *ax_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *ax_xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* The noun for a count, `one` when n is 1, else `many`:
 * printf("%lld %s", n, ax_plural(n, "file", "files")). Every count a
 * person reads goes through it. */
const char *ax_plural(long long n, const char *one, const char *many);

/* Parse a whole non-negative decimal number within [min, max]; -1 if not. */
long long ax_parse_count(const char *s, long long min, long long max);

/* A size in bytes, "2000", "512K", "1M", "2G" (binary units, either case),
 * from 1 to max; -1 if not. */
long long ax_parse_size(const char *s, long long max);

#endif
