"""The Qt layer: widgets and models that call the services in ``reservations``."""
