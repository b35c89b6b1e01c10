; YAML: mapping keys, named by their dotted path (spec.template.spec), each
; path once per document however many list items repeat it; anchors (&x).
; Scalars are not symbols: config must not flood the index.

((block_mapping_pair key: (_) @name) @sym.key (#not-eq? @name "<<"))
((flow_pair key: (_) @name) @sym.key (#not-eq? @name "<<"))
(anchor (anchor_name) @name @sym.anchor)
(document) @scope

(comment) @doc
