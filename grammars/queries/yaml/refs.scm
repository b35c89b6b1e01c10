; *alias uses an anchor.
(alias (alias_name) @ref.alias)
