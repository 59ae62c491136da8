"""``mlinfra test``: test files that plan and apply a configuration and assert on it.

``parse`` reads ``*.mltest.hcl`` files, ``run`` runs their run blocks against a
throwaway state through the ``Engine`` and tears down what they made, ``report``
writes JUnit XML and JSON. The command line only prints what the runner tells it.
"""
