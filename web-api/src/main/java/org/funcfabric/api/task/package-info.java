/** Routes for submitting tasks and reading their state and results (API.md). */
package org.funcfabric.api.task;
