"""The configuration language: HCL source -> syntax tree (``hclparse`` and the parsers
behind it, ``syntax``) -> ``Config`` (``loader``, ``model``): blocks checked against the
portable kinds (``kinds``, ``bodies``), expressions and the function library
(``expressions``, ``functions*``), variables, references and dependencies, ``check`` and
condition blocks, and ``fmt``. Nothing here touches state or a provider."""
