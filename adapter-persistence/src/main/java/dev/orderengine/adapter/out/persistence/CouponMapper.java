package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;

final class CouponMapper {

    private CouponMapper() {
    }

    static CouponSourceJpaEntity toEntity(CouponSource source) {
        return new CouponSourceJpaEntity(source.id().value(), source.name(), source.discountAmount().amount(),
                source.totalQuantity(), source.issuedQuantity(), source.validDays(), source.createdAt());
    }

    static CouponSource toDomain(CouponSourceJpaEntity entity) {
        return CouponSource.restore(new CouponSourceId(entity.id), entity.name, new Money(entity.discountAmount),
                entity.totalQuantity, entity.issuedQuantity, entity.validDays, entity.createdAt);
    }

    static CouponJpaEntity toEntity(Coupon coupon) {
        return new CouponJpaEntity(coupon.id().value(), coupon.ownerId().value(), coupon.sourceId().value(), coupon.name(),
                coupon.discountAmount().amount(), coupon.expiresAt(), coupon.issuedAt(), coupon.usedAt().orElse(null),
                coupon.usedOn().map(OrderId::value).orElse(null));
    }

    static Coupon toDomain(CouponJpaEntity entity) {
        return Coupon.restore(new CouponId(entity.id), new UserId(entity.userId), new CouponSourceId(entity.sourceId),
                entity.name, new Money(entity.discountAmount), entity.expiresAt, entity.issuedAt, entity.usedAt,
                entity.usedOrderId == null ? null : new OrderId(entity.usedOrderId));
    }
}
