//! Businesses and interviews through the exporter.
