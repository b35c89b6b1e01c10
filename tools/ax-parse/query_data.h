/* query_data.h: the query files built into ax-parse (see embed.sh). */
#ifndef AX_PARSE_QUERY_DATA_H
#define AX_PARSE_QUERY_DATA_H

struct query_file {
	const char *lang;   /* registry name: the folder under grammars/queries */
	const char *path;   /* for messages */
	const char *text;
};

/* Sorted by language, then file name; ends with a zeroed entry. */
extern const struct query_file query_files[];

#endif
