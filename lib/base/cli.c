/* cli.c: messages, exit, allocation and start-up shared by every tool.
 * What happens at exit beyond stdio (telemetry) is a registered routine. */
#include "base/cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *ax_progname = "ax";
const char *ax_cmdname = "ax";

static void (*exit_routine)(int status);
static void (*error_routine)(const char *stage, const char *code);

void ax_cli_init(const char *progname)
{
	ax_progname = ax_cmdname = progname;
	/* Set by the front end for this tool alone, not for those it runs. */
	const char *cmd = getenv("AX_COMMAND");
	if (cmd && *cmd)
		ax_cmdname = ax_strdup(cmd);
	unsetenv("AX_COMMAND");
	/* A closed pipe must show up as EPIPE from write(), which the stream
	 * writer turns into a quiet exit 0, rather than kill us mid-record. */
	signal(SIGPIPE, SIG_IGN);
	opterr = 0;
}

void ax_set_exit_routine(void (*fn)(int status))
{
	exit_routine = fn;
}

void ax_set_error_routine(void (*fn)(const char *stage, const char *code))
{
	error_routine = fn;
}

void ax_note_error(const char *stage, const char *code)
{
	if (error_routine)
		error_routine(stage, code);
}

static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", ax_cmdname, prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void ax_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
}

void ax_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("warning: ", fmt, ap);
	va_end(ap);
}

void ax_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
	ax_exit(status);
}

void ax_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", ax_cmdname);
	ax_exit(AX_EXIT_USAGE);
}

void ax_bad_option(char *const argv[])
{
	const char *arg = argv[optind - 1];
	if (optopt && arg[0] == '-' && arg[1] != '-')
		ax_usage_error("unknown option or missing value: '-%c'", optopt);
	ax_usage_error("unknown option or missing value: '%s'", arg);
}

/* Is `arg` an option rather than an operand (ax_getopt_words)? */
static bool is_option(const char *arg, const char *shortopts)
{
	if (arg[0] != '-' || !arg[1])
		return false;
	if (arg[1] == '-')
		return true;
	const char *opt = arg[1] == ':' || arg[1] == '+' ? NULL : strchr(shortopts, arg[1]);
	if (!opt)
		return false;
	return !arg[2] || (opt[1] == ':' && arg[2] >= '0' && arg[2] <= '9');
}

int ax_getopt_words(int argc, char *const argv[], const char *shortopts,
		    const struct option *longopts)
{
	static bool ended; /* "--" was seen */
	if (optind <= 1) {
		optind = 1;
		ended = false;
	}
	if (optind >= argc)
		return -1;
	if (!ended && strcmp(argv[optind], "--") == 0) {
		ended = true;
		if (++optind >= argc)
			return -1;
	}
	if (ended || !is_option(argv[optind], shortopts)) {
		optarg = argv[optind++];
		return 1;
	}
	return getopt_long(argc, argv, shortopts, longopts, NULL);
}

void ax_exit(int status)
{
	static int exiting;
	if (!exiting++ && exit_routine)
		exit_routine(status);
	/* stdout may hold buffered human output; a failed flush of a closed
	 * pipe is not an error worth reporting. */
	if (fflush(stdout) != 0 && errno != EPIPE && status == 0) {
		fprintf(stderr, "%s: write error: %s\n", ax_progname, strerror(errno));
		status = AX_EXIT_INTERNAL;
	}
	exit(status);
}

void ax_print_version(void)
{
	printf("%s %s\n", ax_progname, AX_VERSION);
	ax_exit(AX_EXIT_OK);
}

bool ax_called_as(const char *cmd)
{
	return strcmp(ax_cmdname, cmd) == 0;
}

/* Where a usage line names the tool ("usage: ax-lint", "       ax-lint"),
 * or NULL. */
static const char *tool_in_line(const char *line)
{
	size_t n = strlen(ax_progname);
	const char *p = line;
	if (strncasecmp(p, "usage: ", 7) == 0)
		p += 7;
	else
		while (*p == ' ')
			p++;
	return strncmp(p, ax_progname, n) == 0 && (p[n] == ' ' || p[n] == '\n') ? p : NULL;
}

void ax_print_help(const char *usage)
{
	const char *line = usage;
	while (*line) {
		const char *end = strchrnul(line, '\n');
		const char *tool = tool_in_line(line);
		if (*end)
			end++;
		if (tool) {
			fwrite(line, 1, (size_t)(tool - line), stdout);
			fputs(ax_cmdname, stdout);
			line = tool + strlen(ax_progname);
		}
		fwrite(line, 1, (size_t)(end - line), stdout);
		line = end;
	}
	ax_exit(AX_EXIT_OK);
}

static void *check_alloc(void *p, size_t n)
{
	if (!p && n)
		ax_die(AX_EXIT_INTERNAL, "out of memory (%zu bytes)", n);
	return p;
}

void *ax_malloc(size_t n) { return check_alloc(malloc(n ? n : 1), n); }
void *ax_calloc(size_t n, size_t size) { return check_alloc(calloc(n ? n : 1, size ? size : 1), n * size); }
void *ax_realloc(void *p, size_t n) { return check_alloc(realloc(p, n ? n : 1), n); }
char *ax_strdup(const char *s) { return ax_strndup(s, strlen(s)); }

char *ax_strndup(const char *s, size_t n)
{
	char *d = ax_malloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *ax_xvasprintf(const char *fmt, va_list ap)
{
	char *s;
	if (vasprintf(&s, fmt, ap) < 0)
		ax_die(AX_EXIT_INTERNAL, "out of memory");
	return s;
}

char *ax_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = ax_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

const char *ax_plural(long long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

long long ax_parse_count(const char *s, long long min, long long max)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	return v;
}

long long ax_parse_size(const char *s, long long max)
{
	size_t n = s ? strlen(s) : 0;
	int shift = 0;
	char digits[32];
	if (n == 0 || n >= sizeof digits)
		return -1;
	switch (s[n - 1]) {
	case 'K': case 'k': shift = 10; break;
	case 'M': case 'm': shift = 20; break;
	case 'G': case 'g': shift = 30; break;
	}
	memcpy(digits, s, n - (shift ? 1 : 0));
	digits[n - (shift ? 1 : 0)] = '\0';
	long long v = ax_parse_count(digits, 1, max >> shift);
	return v < 0 ? -1 : v << shift;
}
