"""Planning: configuration + state -> ``Plan``. The plan is plain data (``model``:
``Plan``, ``ResourceChange``, ``Action``, ``Mode``); ``planner`` refreshes, evaluates and
diffs to make it, ``planfile`` saves and loads it, ``cost`` estimates what it costs and
``sources`` re-reads the configuration it was made from. How a plan is printed lives in
``mlinfra.cli.views``."""
