"""The commands, one module per group: each parses its arguments, calls the ``Engine``
facade (through ``mlinfra.cli.common.engine``) and hands the result to a view in
``mlinfra.cli.views``. ``mlinfra.cli.app`` registers them.

- ``inspect``: ``validate``, ``fmt``, ``graph``, ``show``, ``output``
- ``plan``: ``plan``, ``apply``, ``destroy``
- ``init``: ``init``, ``providers``
- ``state``: ``state list|show|rm|mv|pull|push``, ``import``, ``force-unlock``
- ``workspace``: ``workspace list|show|new|select|delete``
"""
