; require "x"; require_relative "x"; load "x"
((call
   method: (identifier) @_m
   arguments: (argument_list . (string (string_content) @import.require)))
  (#eq? @_m "require"))
((call
   method: (identifier) @_m
   arguments: (argument_list . (string (string_content) @import.require_relative)))
  (#eq? @_m "require_relative"))
((call
   method: (identifier) @_m
   arguments: (argument_list . (string (string_content) @import.load)))
  (#eq? @_m "load"))
