/** The orders events as the serde decodes them (Avro records; Protobuf with its field names kept). */
export interface OrderPlaced {
  readonly orderId: string;
  readonly customerId: string;
  readonly lines: readonly {
    readonly sku: string;
    readonly quantity: number;
    readonly unitPriceCents: number;
  }[];
  readonly totalCents: number;
  readonly currency: string;
  readonly placedAt: number;
}

export interface OrderPaid {
  readonly orderId: string;
  readonly paymentId: string;
  readonly amountCents: number;
  readonly paidAt: number;
}

export interface OrderCancelled {
  readonly order_id: string;
  readonly reason: string;
  readonly note: string;
  /** int64, as a decimal string (protobufjs `longs: String`). */
  readonly cancelled_at: string;
}

/** The furthest an order has got: a later status never gives way to an earlier one arriving late. */
export const OrderStatuses = { placed: 'PLACED', paid: 'PAID', cancelled: 'CANCELLED' } as const;
export type OrderStatus = (typeof OrderStatuses)[keyof typeof OrderStatuses];
export const statusRank: Readonly<Record<OrderStatus, number>> = { PLACED: 1, PAID: 2, CANCELLED: 3 };
