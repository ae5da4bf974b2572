package dev.orderengine.domain.balance;

/** Why a balance changed. */
public enum BalanceChangeType {
    /** The user added money. */
    CHARGE,
    /** An order was paid from the balance. */
    USE,
    /** Money of a paid order went back to the balance. */
    RESTORE
}
