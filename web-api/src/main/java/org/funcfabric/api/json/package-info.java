/** JSON binding of the API: snake_case names on the wire, Java names in the records. */
package org.funcfabric.api.json;
