; f(x): an identifier followed by arguments; a.m(x) likewise.
((identifier) @ref.call . (selector (argument_part)))
((_) @recv . (selector (unconditional_assignable_selector (identifier) @ref.call)) . (selector (argument_part)))
(superclass (type_identifier) @ref.inherit)
(mixins (type_identifier) @ref.inherit)
(interfaces (type_identifier) @ref.inherit)
(type_identifier) @ref.type
