/* config.h: the settings of .ax/config and ~/.config/ax/config
 * (docs/config.md).
 *
 * A config file is flat `key = value` lines, `#` comment lines and blank
 * lines; the keys are those of config_keys.def. Precedence, highest first:
 * a command-line option (the tool's own business), the key's environment
 * variable, the project file, the user file, the built-in default. A LIST
 * key adds up instead: the user file's values, then the project file's. */
#ifndef AX_CONFIG_H
#define AX_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* ---- the keys ---- */

enum ax_config_type { AX_CFG_T_COUNT, AX_CFG_T_SIZE, AX_CFG_T_LIST, AX_CFG_T_COLOR, AX_CFG_T_PATH };

enum ax_config_key {
#define AX_CONFIG_KEY(id, name, type, min, max, def, env, doc) AX_CFG_##id,
#include "config/config_keys.def"
#undef AX_CONFIG_KEY
	AX_CFG_NKEYS
};

struct ax_config_keydef {
	const char *name;
	enum ax_config_type type;
	long long min, max;
	const char *def;
	const char *env;
	const char *doc;
};

extern const struct ax_config_keydef ax_config_keys[AX_CFG_NKEYS];
extern const char *const ax_config_key_names[AX_CFG_NKEYS];

/* The key named `name`, or -1. */
int ax_config_key_find(const char *name);
/* "count", "size", "list", "color", "path". */
const char *ax_config_type_name(enum ax_config_type t);
/* Is `value` valid for `key`? 0, or -1 with what is expected in `why`
 * ("want a whole number from 0 to 256"). */
int ax_config_check(int key, const char *value, char *why, size_t cap);

/* ---- one file, line by line ---- */

struct ax_config_file {
	char *shown;      /* the name messages use */
	char **lines;     /* without newlines, as read: comments stay */
	size_t n, cap;
};

/* Parse text into lines: 0, or -1 with *err ("shown:3: what", malloc'd)
 * at the first line that is not blank, a comment or `key = value`.
 * Keys and values are not checked here (ax_config_file_check does). */
int ax_config_file_parse(struct ax_config_file *f, const char *text, size_t len, const char *shown,
			 char **err);
/* Read and parse `path`; a missing file is an empty one. */
int ax_config_file_read(struct ax_config_file *f, const char *path, const char *shown, char **err);
/* Every key known and every value valid? 0, or -1 with *err as above
 * (an unknown key names the nearest known one). */
int ax_config_file_check(const struct ax_config_file *f, char **err);
/* Line i's key and value (malloc'd) if it is a `key = value` line. */
bool ax_config_file_entry(const struct ax_config_file *f, size_t line, char **key, char **value);
/* Make `value` the key's only value: its first line is rewritten, the
 * others dropped; a key not there goes after its commented-out template
 * line ("# key = ..."), else at the end. */
void ax_config_file_set(struct ax_config_file *f, const char *key, const char *value);
/* Add one more value of a LIST key (after its last line). */
void ax_config_file_add(struct ax_config_file *f, const char *key, const char *value);
/* Remove the key's lines; how many there were. */
size_t ax_config_file_unset(struct ax_config_file *f, const char *key);
/* Write atomically (temporary file in the same directory + rename),
 * creating the directory if needed: 0, or -1 with *err. */
int ax_config_file_write(const struct ax_config_file *f, const char *path, char **err);
void ax_config_file_free(struct ax_config_file *f);

/* ---- where the files are ---- */

/* The project root: the nearest directory at or above the current one
 * holding .ax/, else the top of the git work tree; NULL if neither. */
char *ax_config_project_root(void);
/* The same for the absolute directory `dir` instead of the current one. */
char *ax_config_project_root_of(const char *dir);
/* <project root>/.ax/config, or NULL outside a project. */
char *ax_config_project_path(void);
/* $XDG_CONFIG_HOME/ax/config, else ~/.config/ax/config; NULL without HOME. */
char *ax_config_user_path(void);
/* How messages name a file: relative when below the current directory
 * (".ax/config"), else in full. Malloc'd. */
char *ax_config_shown_name(const char *path);

/* ---- the effective settings ---- */

struct ax_config_value {
	const char *value;
	const char *origin;   /* "default", "user", "project" or "env" */
};

struct ax_config {
	struct ax_config_value scalar[AX_CFG_NKEYS];
	struct ax_config_value *list[AX_CFG_NKEYS]; /* LIST keys */
	size_t nlist[AX_CFG_NKEYS];
	struct ax_config_file user, project;
	char *root;                                 /* project root, or NULL */
	/* Project settings not honoured: a PATH key naming a place outside
	 * the project (docs/config.md, "Trust"): the warning line, or NULL. */
	char *refused[AX_CFG_NKEYS];
};

/* Read both files and the environment: 0, or -1 with *err (a file's
 * first problem). */
int ax_config_load(struct ax_config *c, char **err);
void ax_config_free(struct ax_config *c);

/* The process's settings, read on first use; a broken file ends the
 * process with "<tool>: <file>:<line>: what" and status 2. */
const struct ax_config *ax_config(void);
/* The warning for a project value of `key` that was refused ("file:line:
 * key = value: refused: ..."), the first time it is asked for; else NULL.
 * The key's reader prints it. */
const char *ax_config_refusal(enum ax_config_key key);
/* A scalar key's effective value (never NULL: the default at worst). */
const char *ax_config_get(enum ax_config_key key);
/* A COUNT or SIZE key's effective value as a number. */
long long ax_config_number(enum ax_config_key key);
/* A LIST key's values joined by newlines, malloc'd ("" if none). */
char *ax_config_joined(enum ax_config_key key);

#endif
