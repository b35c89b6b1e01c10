/* ax-cat: a record stream as JSON Lines, and JSON Lines back into a stream. */
#include "base/cli.h"
#include "telemetry/hooks.h"
#include "from_json.h"
#include "base/json.h"
#include "stream/stream.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: ax-cat [--type T[,T...]] [FILE...]\n"
	"       ax-cat --from-json [--type T[,T...]] [FILE...]\n"
	"\n"
	"Print an ax record stream as JSON Lines (one record per line), or with\n"
	"--from-json turn JSON Lines back into a stream. FILE '-' or none: stdin.\n"
	"\n"
	"  -j, --from-json   read JSON Lines, write a msgpack stream\n"
	"  -t, --type T      only records of type T (repeatable, or a comma list):\n"
	"                    hdr, file, parsed, err, gone, end or hit\n"
	"  -f, --force       write a binary stream even to a terminal\n"
	"  -h, --help        this text\n"
	"      --version     print the version\n"
	"\n"
	"Values JSON cannot hold exactly (invalid UTF-8, bin, integers above 2^63-1,\n"
	"...) are tagged objects such as {\"$str\": base64}; see docs/stream.md.\n"
	"Exit status: 0 ok, 2 bad input or usage, 3 internal error.\n";

static char **types;
static size_t ntypes;

/* A type no tool writes is a typo, not a filter that shows nothing. */
static void check_type(const char *type)
{
	char known[128] = "";
	for (size_t i = 0; ax_record_types[i]; i++) {
		if (strcmp(type, ax_record_types[i]) == 0)
			return;
		strcat(strcat(known, i ? ", " : ""), ax_record_types[i]);
	}
	ax_usage_error("--type: no record type '%s' (the types: %s)", type, known);
}

static void add_types(const char *list)
{
	char *copy = ax_strdup(list), *save, *tok;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		check_type(tok);
		types = ax_realloc(types, (ntypes + 1) * sizeof *types);
		types[ntypes++] = ax_strdup(tok);
	}
	free(copy);
}

static int wanted(const char *type, size_t len)
{
	if (ntypes == 0)
		return 1;
	for (size_t i = 0; i < ntypes; i++)
		if (strlen(types[i]) == len && memcmp(types[i], type, len) == 0)
			return 1;
	return 0;
}

static int open_input(const char *path)
{
	if (strcmp(path, "-") == 0)
		return STDIN_FILENO;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		ax_die(AX_EXIT_USAGE, "cannot open %s: %s", path, strerror(errno));
	return fd;
}

static void check_stdout(void)
{
	if (!ferror(stdout))
		return;
	if (errno == EPIPE)
		ax_exit(AX_EXIT_OK);
	ax_die(AX_EXIT_INTERNAL, "write error: %s", strerror(errno));
}

static void stream_to_json(const char *path)
{
	int fd = open_input(path);
	struct ax_reader *r = ax_reader_new(fd, strcmp(path, "-") ? path : "stdin");
	struct ax_record rec;
	int got;
	while ((got = ax_reader_next(r, &rec)) > 0) {
		if (!wanted(rec.type, rec.type_len))
			continue;
		ax_json_write_value(stdout, &rec.map);
		putchar('\n');
		check_stdout();
	}
	if (got < 0) {
		char why[256];
		snprintf(why, sizeof why, "%s", ax_reader_error(r));
		ax_reader_free(r);
		fflush(stdout);
		ax_die(AX_EXIT_USAGE, "%s", why);
	}
	ax_reader_free(r);
	if (fd != STDIN_FILENO)
		close(fd);
}

static void json_to_stream(const char *path, struct ax_writer *w)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	const char *name = in == stdin ? "stdin" : path;
	if (!in)
		ax_die(AX_EXIT_USAGE, "cannot open %s: %s", path, strerror(errno));

	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	msgpack_sbuffer rec;
	msgpack_packer pk;
	msgpack_sbuffer_init(&rec);
	msgpack_packer_init(&pk, &rec, msgpack_sbuffer_write);

	while ((len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len == 0)
			continue;
		json_error_t jerr;
		json_t *v = json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL |
				       JSON_REJECT_DUPLICATES, &jerr);
		const char *err = v ? from_json_pack(&pk, v) : jerr.text;
		json_decref(v);
		/* The stream reader decides what a record is, so whatever is
		 * written here reads back. */
		struct ax_reader *check = ax_reader_new_mem(rec.data, rec.size, name);
		struct ax_record r;
		char why[256];
		if (!err && ax_reader_next(check, &r) != 1)
			err = ax_reader_error_reason(check);
		if (err) {
			snprintf(why, sizeof why, "%s", err);
			ax_reader_free(check);
			ax_writer_flush(w); /* the records before this one are good */
			ax_die(AX_EXIT_USAGE, "%s: line %lu: %s", name, lineno, why);
		}
		if (wanted(r.type, r.type_len))
			ax_writer_raw(w, rec.data, rec.size);
		ax_reader_free(check);
		msgpack_sbuffer_clear(&rec);
	}
	if (ferror(in))
		ax_die(AX_EXIT_USAGE, "%s: read error: %s", name, strerror(errno));
	msgpack_sbuffer_destroy(&rec);
	free(line);
	if (in != stdin)
		fclose(in);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from-json", no_argument, NULL, 'j' },
		{ "type", required_argument, NULL, 't' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, AX_OPT_VERSION },
		{ 0 }
	};
	int from_json = 0, force = 0, c;

	ax_tool_init("ax-cat");
	while ((c = getopt_long(argc, argv, "jt:fh", opts, NULL)) != -1) {
		switch (c) {
		case 'j': from_json = 1; break;
		case 't': add_types(optarg); break;
		case 'f': force = 1; break;
		case 'h': ax_print_help(usage);
		case AX_OPT_VERSION: ax_print_version();
		default: ax_bad_option(argv);
		}
	}

	static char *stdin_only[] = { "-" };
	char **files = optind < argc ? argv + optind : stdin_only;
	int nfiles = optind < argc ? argc - optind : 1;

	if (from_json) {
		if (!force)
			ax_writer_refuse_tty("redirect it, or use --force");
		struct ax_writer *w = ax_writer_new(STDOUT_FILENO);
		for (int i = 0; i < nfiles; i++)
			json_to_stream(files[i], w);
		ax_writer_free(w);
	} else {
		static char outbuf[1 << 16];
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
		for (int i = 0; i < nfiles; i++)
			stream_to_json(files[i]);
		fflush(stdout);
		check_stdout();
	}
	ax_exit(AX_EXIT_OK);
}
