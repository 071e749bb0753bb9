"""Apache Airflow provider for Yardmaster, the control plane in front of Livy + YARN clusters."""

__version__ = "0.1.0"
