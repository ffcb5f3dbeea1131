// Written by hand (not generated): Kotlin lambdas for the progress listener of the long calls.
package nl.wijknet

import nl.wijknet.types.ProgressStep

/**
 * A [ProgressListener] from a lambda: it receives the step, how many of its items are done and
 * how many there are, and returns `false` to cancel (the call then throws
 * `WijknetException.Cancelled`). Exceptions must not escape the lambda: catch them and return
 * `false`.
 */
fun progressListener(onProgress: (step: ProgressStep, done: ULong, total: ULong) -> Boolean): ProgressListener =
    object : ProgressListener {
        override fun onProgress(step: ProgressStep, done: ULong, total: ULong): Boolean = onProgress(step, done, total)
    }

/** [Registry.fromJsonWithProgress] with a lambda as the listener. */
fun Registry.Companion.fromJson(
    json: ByteArray,
    progress: (step: ProgressStep, done: ULong, total: ULong) -> Boolean,
): Registry = fromJsonWithProgress(json, progressListener(progress))

/** [ConsentStore.fromJsonWithProgress] with a lambda as the listener. */
fun ConsentStore.Companion.fromJson(
    json: ByteArray,
    progress: (step: ProgressStep, done: ULong, total: ULong) -> Boolean,
): ConsentStore = fromJsonWithProgress(json, progressListener(progress))

/** [FhirDirectory.fromJsonWithProgress] with a lambda as the listener. */
fun FhirDirectory.Companion.fromJson(
    json: ByteArray,
    progress: (step: ProgressStep, done: ULong, total: ULong) -> Boolean,
): FhirDirectory = fromJsonWithProgress(json, progressListener(progress))

/** [ReferralBook.replayJsonWithProgress] with a lambda as the listener. */
fun ReferralBook.Companion.replayJson(
    json: ByteArray,
    progress: (step: ProgressStep, done: ULong, total: ULong) -> Boolean,
): ReferralBook = replayJsonWithProgress(json, progressListener(progress))

/** [ReferralBook.whatIfWithProgress] with a lambda as the listener. */
fun ReferralBook.whatIf(
    registry: Registry,
    agreements: Agreements?,
    proposedAgreements: Agreements?,
    proposedRegistry: Registry?,
    maxReferrals: UInt,
    progress: (step: ProgressStep, done: ULong, total: ULong) -> Boolean,
): nl.wijknet.types.WhatIf =
    whatIfWithProgress(registry, agreements, proposedAgreements, proposedRegistry, maxReferrals, progressListener(progress))
