"""mlinfra: declarative infrastructure as code for machine learning.

Data flows one way: files -> config -> graph -> plan -> apply -> state. ``mlinfra.engine``
is the facade the command line calls. Importing this package imports no cloud SDK.
"""

__version__ = "0.1.0"
