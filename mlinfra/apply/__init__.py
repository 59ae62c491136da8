"""Carrying a plan out: the operations a plan becomes and their order (``ops``), the
parallel walk over them in dependency order (``walker``, ``scheduler``), what the walk
exchanges with its caller (``surface``: progress hooks, the state sink, the result), the
planned-versus-applied check (``consistency``) and Ctrl-C handling (``interrupt``)."""
