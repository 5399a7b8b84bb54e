"""The provider core: check/diff/create/read/update/delete of every resource kind, once.

Plain Python over property dicts (snake_case keys), no Pulumi types: ``results`` (what the
operations take and return: ``Context``, ``CheckResult``, ``DiffResult``, ..., the ``UNKNOWN``
sentinel), ``config`` (every provider setting, once), ``images`` (``PlatformImage``,
``PlatformImages``), ``workloads`` (``Notebook``, ``TrainingTask``). Two thin adapters expose
it: the dynamic resources (``stack.dynamic_adapter``) and the native ``tione`` plugin
(``native``).
"""
