; using namespace std;  (includes come from the C rules)
(using_declaration "namespace" (_) @import.using_namespace)
