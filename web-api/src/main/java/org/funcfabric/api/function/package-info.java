/** Routes for functions: register, read and delete (API.md). */
package org.funcfabric.api.function;
