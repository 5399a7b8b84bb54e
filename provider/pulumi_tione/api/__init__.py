"""The API edge: settings and credentials, and the only module that talks to TI-ONE (``client``)."""
