/* doc.c: YAML (libyaml) and JSON (jansson) rule files into struct doc. */
#include "doc.h"
#include "base/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Deeper than any rule file needs; stops alias bombs and runaway nesting. */
#define MAX_DEPTH 32

static struct doc *new_doc(enum doc_type t, int line, int col)
{
	struct doc *d = ax_calloc(1, sizeof *d);
	d->type = t;
	d->line = line;
	d->col = col;
	return d;
}

static void push(struct doc *d, char *key, int key_line, struct doc *v)
{
	d->items = ax_realloc(d->items, (d->n + 1) * sizeof *d->items);
	d->items[d->n] = v;
	if (d->type == DOC_MAP) {
		d->keys = ax_realloc(d->keys, (d->n + 1) * sizeof *d->keys);
		d->key_lines = ax_realloc(d->key_lines, (d->n + 1) * sizeof *d->key_lines);
		d->keys[d->n] = key;
		d->key_lines[d->n] = key_line;
	}
	d->n++;
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		doc_free(d->items[i]);
		if (d->keys)
			free(d->keys[i]);
	}
	free(d->items);
	free(d->keys);
	free(d->key_lines);
	free(d->str);
	free(d);
}

const struct doc *doc_get(const struct doc *d, const char *key)
{
	for (size_t i = 0; d && d->type == DOC_MAP && i < d->n; i++)
		if (!strcmp(d->keys[i], key))
			return d->items[i];
	return NULL;
}

void doc_locate(const struct doc *d, unsigned line, unsigned col, int *fline, int *fcol)
{
	*fline = *fcol = 0;
	if (!d->line)
		return;
	if (d->style == STYLE_BLOCK) {
		/* d->line is the line of the '|' or '>'; the text starts below. */
		*fline = d->line + (int)line;
		*fcol = d->block_indent + (int)col + 1;
		return;
	}
	*fline = d->line + (int)line - 1;
	if (line == 1)
		*fcol = d->col + (int)col + (d->style == STYLE_QUOTED);
}

/* ---- YAML ---- */

/* The indentation of the first non-blank line after offset `at`. */
static int block_indent(const char *text, size_t len, size_t at)
{
	size_t i = at;
	while (i < len && text[i] != '\n')
		i++;
	while (i < len) {
		int n = 0;
		i++;
		while (i < len && text[i] == ' ')
			i++, n++;
		if (i < len && text[i] != '\n')
			return n;
	}
	return 0;
}

struct yctx {
	yaml_document_t *doc;
	const char *text;
	size_t len;
	char *err;
	size_t err_size;
};

static struct doc *from_yaml(struct yctx *c, yaml_node_t *n, int depth)
{
	int line = (int)n->start_mark.line + 1, col = (int)n->start_mark.column + 1;
	if (depth > MAX_DEPTH) {
		snprintf(c->err, c->err_size, "%d: nested too deeply", line);
		return NULL;
	}
	struct doc *d;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		d = new_doc(DOC_STR, line, col);
		d->str = ax_strndup((const char *)n->data.scalar.value, n->data.scalar.length);
		d->len = n->data.scalar.length;
		switch (n->data.scalar.style) {
		case YAML_LITERAL_SCALAR_STYLE:
		case YAML_FOLDED_SCALAR_STYLE:
			d->style = STYLE_BLOCK;
			d->block_indent = block_indent(c->text, c->len, n->start_mark.index);
			break;
		case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
			d->style = STYLE_QUOTED;
			break;
		default:
			d->style = STYLE_PLAIN;
		}
		return d;
	case YAML_SEQUENCE_NODE:
		d = new_doc(DOC_LIST, line, col);
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
			struct doc *v = from_yaml(c, yaml_document_get_node(c->doc, *it), depth + 1);
			if (!v) {
				doc_free(d);
				return NULL;
			}
			push(d, NULL, 0, v);
		}
		return d;
	case YAML_MAPPING_NODE:
		d = new_doc(DOC_MAP, line, col);
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
			int kline = (int)k->start_mark.line + 1;
			if (k->type != YAML_SCALAR_NODE) {
				snprintf(c->err, c->err_size, "%d: a key must be a plain string", kline);
				doc_free(d);
				return NULL;
			}
			char *key = ax_strndup((const char *)k->data.scalar.value, k->data.scalar.length);
			if (doc_get(d, key)) {
				snprintf(c->err, c->err_size, "%d: duplicate key '%s'", kline, key);
				free(key);
				doc_free(d);
				return NULL;
			}
			struct doc *v = from_yaml(c, yaml_document_get_node(c->doc, p->value), depth + 1);
			if (!v) {
				free(key);
				doc_free(d);
				return NULL;
			}
			push(d, key, kline, v);
		}
		return d;
	default:
		return new_doc(DOC_OTHER, line, col);
	}
}

static void yaml_syntax(const yaml_parser_t *p, char *err, size_t err_size)
{
	snprintf(err, err_size, "%zu: %s%s%s", p->problem_mark.line + 1, p->context ? p->context : "",
		 p->context ? ": " : "", p->problem ? p->problem : "YAML syntax error");
}

static struct doc *parse_yaml(const char *text, size_t len, char *err, size_t err_size)
{
	yaml_parser_t p;
	yaml_document_t ydoc, next;
	if (!yaml_parser_initialize(&p))
		ax_die(AX_EXIT_INTERNAL, "cannot start the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	struct doc *d = NULL;
	if (!yaml_parser_load(&p, &ydoc)) {
		yaml_syntax(&p, err, err_size);
		yaml_parser_delete(&p);
		return NULL;
	}
	yaml_node_t *root = yaml_document_get_root_node(&ydoc);
	struct yctx c = { &ydoc, text, len, err, err_size };
	if (!root)
		snprintf(err, err_size, "1: the file is empty");
	else if ((d = from_yaml(&c, root, 0))) {
		/* One document per file: a second one would be ignored silently. */
		if (!yaml_parser_load(&p, &next)) {
			yaml_syntax(&p, err, err_size);
			doc_free(d);
			d = NULL;
		} else {
			yaml_node_t *r2 = yaml_document_get_root_node(&next);
			if (r2) {
				snprintf(err, err_size, "%zu: more than one YAML document", r2->start_mark.line + 1);
				doc_free(d);
				d = NULL;
			}
			yaml_document_delete(&next);
		}
	}
	yaml_document_delete(&ydoc);
	yaml_parser_delete(&p);
	return d;
}

/* ---- JSON ---- */

static struct doc *from_json(const json_t *j)
{
	struct doc *d;
	const char *key;
	json_t *v;
	size_t i;
	switch (json_typeof(j)) {
	case JSON_STRING:
		d = new_doc(DOC_STR, 0, 0);
		d->len = json_string_length(j);
		d->str = ax_strndup(json_string_value(j), d->len);
		return d;
	case JSON_ARRAY:
		d = new_doc(DOC_LIST, 0, 0);
		json_array_foreach(j, i, v)
			push(d, NULL, 0, from_json(v));
		return d;
	case JSON_OBJECT:
		d = new_doc(DOC_MAP, 0, 0);
		json_object_foreach((json_t *)j, key, v)
			push(d, ax_strdup(key), 0, from_json(v));
		return d;
	default:
		return new_doc(DOC_OTHER, 0, 0);
	}
}

static struct doc *parse_json(const char *text, size_t len, char *err, size_t err_size)
{
	json_error_t je;
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		snprintf(err, err_size, "%d: %s", je.line > 0 ? je.line : 1, je.text);
		return NULL;
	}
	struct doc *d = from_json(j);
	json_decref(j);
	return d;
}

struct doc *doc_parse(const char *text, size_t len, int yaml, char *err, size_t err_size)
{
	return yaml ? parse_yaml(text, len, err, err_size) : parse_json(text, len, err, err_size);
}
