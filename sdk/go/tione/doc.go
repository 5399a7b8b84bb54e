// TI-ONE platform images (resolved and pinned), notebooks and training tasks.
package tione
