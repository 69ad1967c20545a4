// Stands in for the built console (dist/console/app.js) in the infra tests.
