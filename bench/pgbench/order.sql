-- The raw-SQL floor: the statements that POST /api/v1/orders issues for one order, in its one transaction: user,
-- products, the stock check (a plain read), coupon and balance locked, then the writes Hibernate flushes (order,
-- history, payment, outbox event, balance, coupon, order completed, lines) and last the stock taken in product-id
-- order, just before the commit (sold out: the check refuses and the transaction rolls back having written nothing;
-- the take of the first line still decides, as the server's does: 0 rows taken rolls everything back. Spread's other
-- lines have stock to spare and are not checked.)
-- Differences, all in the server's favour: pgbench sends one statement per round trip (the server batches the
-- stock updates), builds the event snapshot in SQL, and draws ids from a per-client counter (the server: nextval
-- once per 50 ids).
-- Variables (pgbench -D): users products hot flash flash_buyers coupon coupon_users uoff nclients idbase seq=0
-- hot > 0: every order buys 1 of product :hot; flash > 0: 1 of product :flash from buyers 1..:flash_buyers
-- (OUT_OF_STOCK path when sold out); coupon = 1: every order uses the coupon (id = user id) of a user not used
-- before in this run; otherwise (spread) 1-3 lines of distinct products, quantity 1-3.
\set seq :seq + 1
\set oid :idbase + :client_id * 1000000000 + :seq
\set third :products / 3
\set base random(1, :third)
\set nlines random(1, 3)
\set p1 :base
\set p2 :base + :third
\set p3 :base + 2 * :third
\set q1 random(1, 3)
\set q2 random(1, 3)
\set q3 random(1, 3)
\set uid random(1, :users)
\set cid 0
\if :hot > 0
\set nlines 1
\set p1 :hot
\set q1 1
\endif
\if :flash > 0
\set nlines 1
\set p1 :flash
\set q1 1
\set uid random(1, :flash_buyers)
\endif
\if :coupon
\set nlines 1
\set p1 random(1, :products)
\set uid 1 + (:uoff + :client_id + (:seq - 1) * :nclients) % :coupon_users
\set cid :uid
\endif
\set c1 100 + (:p1 * 7919) % 9900
\set c2 100 + (:p2 * 7919) % 9900
\set c3 100 + (:p3 * 7919) % 9900
\if :nlines = 1
\set tc :q1 * :c1
\elif :nlines = 2
\set tc :q1 * :c1 + :q2 * :c2
\else
\set tc :q1 * :c1 + :q2 * :c2 + :q3 * :c3
\endif
\set disc 0
\if :coupon
\set disc least(500, :tc)
\endif
\set total :tc - :disc
BEGIN;
select uje1_0.id,uje1_0.created_at,uje1_0.name,uje1_0.status from users uje1_0 where uje1_0.id=:uid;
\if :nlines = 1
select pje1_0.id,pje1_0.created_at,pje1_0.description,pje1_0.name,pje1_0.price,pje1_0.status from products pje1_0 where pje1_0.id in (:p1);
SELECT count(*) FILTER (WHERE quantity >= :q1) AS took FROM product_stocks WHERE product_id IN (:p1) \gset
\elif :nlines = 2
select pje1_0.id,pje1_0.created_at,pje1_0.description,pje1_0.name,pje1_0.price,pje1_0.status from products pje1_0 where pje1_0.id in (:p1,:p2);
SELECT product_id, quantity FROM product_stocks WHERE product_id IN (:p1, :p2);
\set took 1
\else
select pje1_0.id,pje1_0.created_at,pje1_0.description,pje1_0.name,pje1_0.price,pje1_0.status from products pje1_0 where pje1_0.id in (:p1,:p2,:p3);
SELECT product_id, quantity FROM product_stocks WHERE product_id IN (:p1, :p2, :p3);
\set took 1
\endif
\if :took = 0
ROLLBACK;
\else
\if :coupon
select cje1_0.id,cje1_0.discount_amount,cje1_0.expires_at,cje1_0.issued_at,cje1_0.name,cje1_0.coupon_source_id,cje1_0.used_at,cje1_0.used_order_id,cje1_0.user_id from coupons cje1_0 where cje1_0.id=:cid for no key update of cje1_0;
\endif
select bje1_0.user_id,bje1_0.amount from balances bje1_0 where bje1_0.user_id=:uid for no key update of bje1_0 \gset
insert into orders (completed_at,coupon_id,created_at,discount_amount,original_amount,payment_id,status,total_amount,updated_at,user_id,id) values (NULL,NULL,now(),0.00,:tc::numeric/100,NULL,'STOCK_ALLOCATED',:tc::numeric/100,now(),:uid,:oid);
insert into balance_history (amount,balance_after,created_at,order_id,type,user_id,id) values (:total::numeric/100,:amount::numeric-:total::numeric/100,now(),:oid,'USE',:uid,:oid);
insert into payments (amount,created_at,failure_code,order_id,status,succeeded_order_id,user_id,id) values (:total::numeric/100,now(),NULL,:oid,'SUCCEEDED',:oid,:uid,:oid);
insert into order_events (created_at,order_id,snapshot,type,id) values (now(),:oid,format('{"orderId":%s,"userId":%s,"status":"COMPLETED","couponId":%s,"originalAmount":%s,"discountAmount":%s,"totalAmount":%s,"paymentId":%s,"completedAt":"%s","items":[%s]}',:oid::bigint,:uid::bigint,coalesce(nullif(:cid::bigint,0)::text,'null'),round(:tc::numeric/100,2),round(:disc::numeric/100,2),round(:total::numeric/100,2),:oid::bigint,(to_json(date_trunc('milliseconds',now() at time zone 'UTC'))#>>'{}')||'Z',(SELECT string_agg(format('{"productId":%s,"quantity":%s,"unitPrice":%s,"totalPrice":%s}',p,q,round(c/100.0,2),round(q*c/100.0,2)),',' ORDER BY n) FROM (VALUES (1,:p1::bigint,:q1::int,:c1::int),(2,:p2::bigint,:q2::int,:c2::int),(3,:p3::bigint,:q3::int,:c3::int)) v(n,p,q,c) WHERE n<=:nlines::int)),'ORDER_COMPLETED',:oid);
update balances set amount=:amount::numeric-:total::numeric/100 where user_id=:uid;
\if :coupon
update coupons set discount_amount=5.00,expires_at=expires_at,issued_at=issued_at,name=name,coupon_source_id=coupon_source_id,used_at=now(),used_order_id=:oid,user_id=user_id where id=:cid;
\endif
update orders set completed_at=now(),coupon_id=nullif(:cid::bigint,0),created_at=created_at,discount_amount=:disc::numeric/100,original_amount=:tc::numeric/100,payment_id=:oid,status='COMPLETED',total_amount=:total::numeric/100,updated_at=now(),user_id=:uid where id=:oid;
\if :nlines = 1
insert into order_products (order_id,line_no,product_id,quantity,unit_price) values (:oid,0,:p1,:q1,:c1::numeric/100);
\elif :nlines = 2
insert into order_products (order_id,line_no,product_id,quantity,unit_price) values (:oid,0,:p1,:q1,:c1::numeric/100),(:oid,1,:p2,:q2,:c2::numeric/100);
\else
insert into order_products (order_id,line_no,product_id,quantity,unit_price) values (:oid,0,:p1,:q1,:c1::numeric/100),(:oid,1,:p2,:q2,:c2::numeric/100),(:oid,2,:p3,:q3,:c3::numeric/100);
\endif
WITH taken AS (UPDATE product_stocks SET quantity = quantity - :q1 WHERE product_id = :p1 AND quantity >= :q1 RETURNING 1) SELECT count(*) AS took FROM taken \gset
\if :nlines >= 2
UPDATE product_stocks SET quantity = quantity - :q2 WHERE product_id = :p2 AND quantity >= :q2;
\endif
\if :nlines >= 3
UPDATE product_stocks SET quantity = quantity - :q3 WHERE product_id = :p3 AND quantity >= :q3;
\endif
\if :took = 0
ROLLBACK;
\else
COMMIT;
\endif
\endif
