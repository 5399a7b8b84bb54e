"""Test support shared by every test area and by ``bench/`` (import as ``tests.support.<module>``).

- ``seed``: the bundled catalog's seed image (``SEED_NAME``/``SEED_ID``/``SEED_URL``/``SEED_INFO``),
  the resource type tokens and the repository ``ROOT``.
- ``env``: environment isolation (``isolate`` for the autouse fixture, ``base_env`` and
  ``provider_env`` for subprocesses): no credentials, no proxies, HOME and the CVM endpoint pinned.
- ``config``: ``stack_config`` (namespaced keys aiming a provider or the library at an emulator or a
  URL), ``settings_for``.
- ``wire``: ``ScriptedServer`` (a loopback HTTP server answering from a Python function),
  ``Reply``/``envelope``/``error_envelope``/``page_of``, fast retry policies, ``client_for``.
- ``creds``: profile files, a CVM metadata stub, one credential source at a time.
- ``sdk``: the official SDK client on an emulator, raw signed requests; ``signing``: ``sign_request``.
- ``engine``: the engine stand-in (a real ``python -m pulumi.dynamic`` process + gRPC client,
  ``ProviderMocks``/``run_program`` for ``set_mocks`` programs); ``provider``: ``Engine`` and
  ``start_engine`` built on it.
- ``analyzer``: the Pulumi CLI's side of a policy pack (the pack served by ``python -m
  pulumi.policy``, a gRPC analyzer client, ``RecordingMonitor`` to judge real programs' registrations).
- ``cli``: ``Result``/``Run`` of in-process CLI runs; ``stack_export``: ``pulumi stack export``
  documents built from real provider results.
- ``workloads``/``workload_requests``: the notebook and training-task tests' type tokens, image
  references, program inputs, request bodies and hand-moved clock.
"""
